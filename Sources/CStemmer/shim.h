#ifndef COACH_CSTEMMER_SHIM_H
#define COACH_CSTEMMER_SHIM_H

// libstemmer's English (Porter2) stemmer, called directly. sb_stemmer_new() finds a language in
// a table of all of libstemmer's stemmers, and linked statically that table brings every one of
// them: some 300 KB of data the loader relocates, page by page, at every start of the coach.
// These are the functions sb_stemmer_new("english", "UTF_8") and sb_stemmer_stem() call.
struct SN_env;
struct SN_env * english_UTF_8_create_env(void);
void english_UTF_8_close_env(struct SN_env * z);
int english_UTF_8_stem(struct SN_env * z);
int SN_set_current(struct SN_env * z, int size, const unsigned char * s);

// The first fields of Snowball's struct SN_env (header.h), unchanged since libstemmer_c began:
// the current string, its cursor and its length.
struct coach_sn_env_head {
  unsigned char * p;
  int c;
  int l;
};

// What sb_stemmer_stem() does: the stem of `size` bytes of UTF-8, or NULL if the stemmer could
// not take them; its length in `*length`. The result lives in `z` until the next call.
static inline const unsigned char * coach_stem_english(struct SN_env * z, const unsigned char * word, int size, int * length) {
  if (SN_set_current(z, size, word) != 0) return 0;
  if (english_UTF_8_stem(z) < 0) return 0;
  const struct coach_sn_env_head * head = (const struct coach_sn_env_head *)z;
  *length = head->l;
  return head->p;
}

#endif
