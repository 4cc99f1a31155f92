// OpenSSL's libcrypto (already linked by libcurl-openssl): the EVP digest API, HMAC and the
// constant-time comparison CRYPTO_memcmp.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
