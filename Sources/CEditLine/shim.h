#ifndef COACH_CEDITLINE_SHIM_H
#define COACH_CEDITLINE_SHIM_H
// libedit's el_set and history are variadic, which Swift cannot call: these inline wrappers
// give each use a fixed signature. The prompt is a narrow string that libedit decodes with the
// C library's locale, so the caller must set a UTF-8 locale before showing "› ".
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <histedit.h>

static char coach_prompt_text[256] = "> ";

static char *coach_prompt(EditLine *el) {
  (void)el;
  return coach_prompt_text;
}

static inline void coach_el_set_prompt_text(const char *text) {
  strncpy(coach_prompt_text, text, sizeof coach_prompt_text - 1);
  coach_prompt_text[sizeof coach_prompt_text - 1] = 0;
}

static inline EditLine *coach_el_open(const char *name) {
  EditLine *el = el_init(name, stdin, stdout, stderr);
  if (el == NULL) return NULL;
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_PROMPT, coach_prompt);
  el_set(el, EL_SIGNAL, 1);
  return el;
}

// Ctrl-C reaches the editor as a key (bound by the caller) instead of raising SIGINT while a
// line is being edited, so the line can be cleared without signal races inside libedit.
static inline void coach_el_keep_ctrl_c(EditLine *el) {
  el_set(el, EL_SETTY, "-d", "-isig", NULL);
}

static inline void coach_el_set_history(EditLine *el, History *history_) {
  el_set(el, EL_HIST, history, history_);
}

typedef unsigned char (*coach_el_function)(EditLine *, int);

static inline void coach_el_bind_function(EditLine *el, const char *name, const char *help, coach_el_function fn,
                                          const char *key) {
  el_set(el, EL_ADDFN, name, help, fn);
  el_set(el, EL_BIND, key, name, NULL);
}

static inline History *coach_history_open(int size) {
  History *h = history_init();
  if (h == NULL) return NULL;
  HistEvent event;
  history(h, &event, H_SETSIZE, size);
  history(h, &event, H_SETUNIQUE, 1);
  return h;
}

static inline void coach_history_add(History *h, const char *line) {
  HistEvent event;
  history(h, &event, H_ENTER, line);
}

static inline int coach_history_load(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_LOAD, path);
}

static inline int coach_history_save(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_SAVE, path);
}

static inline int coach_terminal_width(int fd) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 0;
}

#endif
