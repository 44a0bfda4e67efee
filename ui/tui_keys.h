/* The key map: one table drives both the key handling and the help screen, so the
 * help can never list a key that does nothing or miss one that does something. */
#ifndef TLSSIM_TUI_KEYS_H
#define TLSSIM_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum tui_action {
    ACT_NONE,
    ACT_NEXT,
    ACT_PREV,
    ACT_FIRST,
    ACT_LAST,
    ACT_NEXT_PANE,
    ACT_UP,
    ACT_DOWN,
    ACT_BYTE_PREV,
    ACT_BYTE_NEXT,
    ACT_TOGGLE,
    ACT_PAGE_UP,
    ACT_PAGE_DOWN,
    ACT_VIEW_STEP,
    ACT_VIEW_SECRETS,
    ACT_VIEW_CHAIN,
    ACT_VIEW_CERT,
    ACT_SCENARIO,
    ACT_FAULTS,
    ACT_EDIT,
    ACT_CLEAR,
    ACT_FAULTS_HIDE, /* the fault menu hides who notices and the alert (projecting) */
    ACT_ANSWER,      /* tlssim exercise: open the questions */
    ACT_COMPARE,
    ACT_GLOSSARY,    /* g: the glossary entry of the selected field or the step */
    ACT_HELP,
    ACT_QUIT,        /* last: the unit tests go up to it */
} tui_action;

typedef struct tui_key {
    int codes[5];         /* ncurses key codes or characters; 0 ends the list */
    const char *label;    /* as the help screen shows it; NULL: shown with the row above */
    const char *what;
    tui_action action;
} tui_key;

extern const tui_key tui_keys[];
extern const size_t tui_n_keys;

tui_action tui_key_action(int code);

/* The lesson view's own keys (tlssim lesson). With the lesson pane in focus they come
 * first; the handshake panes keep the keys above, except the ones that change the
 * run (the lesson fixes its handshakes). */
typedef enum tui_lesson_action {
    LACT_NONE,
    LACT_FOCUS,
    LACT_NEXT,
    LACT_PREV,
    LACT_UP,
    LACT_DOWN,
    LACT_PAGE_UP,
    LACT_PAGE_DOWN,
    LACT_CHOICE,
    LACT_ANSWER,
    LACT_REVEAL,
    LACT_HELP,
    LACT_LEAVE,
} tui_lesson_action;

typedef struct tui_lesson_key {
    int codes[5];
    const char *label;
    const char *what;
    tui_lesson_action action;
} tui_lesson_key;

extern const tui_lesson_key tui_lesson_keys[];
extern const size_t tui_n_lesson_keys;

/* The action of a key in the lesson pane; digits are LACT_CHOICE. */
tui_lesson_action tui_lesson_key_action(int code);
/* Whether a key of the table above changes the run (scenario, faults, edits). */
bool tui_key_changes_run(int code);

#endif
