// PCRE2 with 8-bit code units (UTF-8 subjects): the functions are named pcre2_*_8.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
