// OpenSSL's libcrypto (already linked by libcurl-openssl): only the EVP digest API is used.
#include <openssl/evp.h>
