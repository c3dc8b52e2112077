/* The document's §2.4 shared layout, rewritten from its description: a flag
 * (non-zero: text may be read; zero: it may be written) and 2048 bytes. */
#ifndef SHMDATA_H
#define SHMDATA_H
#define TEXT_SZ 2048
struct shared_use_st {
    int written;
    char text[TEXT_SZ];
};
#endif
