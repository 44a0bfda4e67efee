/* What the lesson view keeps between keys: which screen, which lesson, step and
 * question, each question's attempts and outcome, the lesson pane's focus and
 * scroll, and the answer being typed. Shared by the lesson view's files only. */
#ifndef TLSSIM_TUI_LESSON_STATE_H
#define TLSSIM_TUI_LESSON_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/lesson.h"
#include "ui/tui_model.h"
#include "ui/tui_panes.h"

typedef enum tl_screen { TL_MENU, TL_INTRO, TL_STEP, TL_FINISH } tl_screen;

typedef enum tl_outcome { TL_OPEN, TL_RIGHT, TL_SHOWN } tl_outcome;

/* One question of the open lesson. */
typedef struct tl_question {
    unsigned attempts; /* answers given, the right one included */
    unsigned hints;    /* hints shown */
    tl_outcome outcome;
    bool wrong;        /* the last answer was wrong (its hint is the newest one) */
    char note[256];    /* why the last answer could not be read, or "" */
    char answer[160];  /* the right answer in words, once right or shown */
} tl_question;

typedef struct tl_state {
    const lesson_list *list;
    tl_screen screen;
    bool help;
    int help_scroll;
    /* The menu, and each lesson's progress as it was when the menu last opened (the
     * progress file is read once then, not at every key). */
    size_t row;
    struct tl_done {
        bool done;
        unsigned score, max;
        bool started;       /* a place is saved: left at step at (from 0) */
        size_t at;
    } *done;
    /* The open lesson, its run and the per-question state (flattened over steps). */
    const lesson *l;
    lesson_run run;
    bool running;
    uint64_t seed;
    bool seeded;           /* the student gave --seed: a place saved with another is not resumed */
    tl_question *q;
    size_t n_q;
    size_t step, question; /* the current step and question within it */
    int shown;             /* the scenario the model shows, or -1 */
    char step_note[256];   /* what the step points at that the panes cannot select */
    bool mark_follow;      /* scroll the detail pane to the step's highlight at the next draw */
    /* Where the student left this lesson last time (the progress file), offered on the
     * intro; and what was saved last, to save only changes. */
    bool resumable;
    size_t resume_step, resume_question;
    unsigned long long saved_sig;
    bool saved_any;
    /* @exercise steps: the lesson UI ends, the exercise runs in its own, and the
     * lesson comes back on the same step. */
    bool *exercised;       /* per step: its exercise was done (or could not start) */
    bool exercise_pending;
    char exercise_note[256]; /* how the last exercise went */
    /* The lesson pane. */
    bool focus;            /* the lesson pane has the focus (else the handshake panes) */
    tui_rect pane;         /* where the lesson pane was drawn last (h 0: nowhere) */
    int scroll, page, total;
    bool follow;           /* scroll to the newest feedback at the next draw */
    bool input;            /* a typed answer is open */
    char typed[128];
    /* The last lesson's result, for the finish screen. */
    unsigned score, max, shown_answers, hints_used;
    char saved[256];       /* "" when progress was saved, else why not */
    /* Screens that scroll (intro, finish). */
    int screen_scroll, screen_total, screen_page;
} tl_state;

/* Question i of the open lesson's step s (flattened index). */
size_t tl_qindex(const tl_state *s, size_t step, size_t q);
const lesson_question *tl_current_question(const tl_state *s);
tl_question *tl_current_state(tl_state *s);

/* Opens a lesson (runs its scenarios) and shows its intro; false, with why in the
 * model's flash line, when its scenarios cannot run. */
bool tl_open(tl_state *s, tui_model *m, const lesson *l);
/* Shows step k of the open lesson: its scenario, event and highlight. */
void tl_show_step(tl_state *s, tui_model *m, size_t k);
/* The intro's Enter: on at the saved place, or step 1. r there: step 1, every
 * question open again and the saved place dropped. */
void tl_begin(tl_state *s, tui_model *m);
void tl_restart(tl_state *s, tui_model *m);
/* Saves where the student is in the open lesson, when that changed since the last
 * save; a failure goes to the flash line. */
void tl_save_place(tl_state *s, tui_model *m);
/* Next question or step, or the finish when the lesson is done. */
void tl_next(tl_state *s, tui_model *m);

/* Keys of the handshake panes a lesson does not take: they change the run, or
 * belong to the fault menu. */
bool tl_key_blocked(int code);

/* Answering (tui_lesson_answer.c). */
void tl_answer_text(tl_state *s, tui_model *m, const char *text);
void tl_answer_choice(tl_state *s, tui_model *m, int number);
void tl_answer_selection(tl_state *s, tui_model *m);
void tl_reveal(tl_state *s, tui_model *m);
void tl_finish(tl_state *s);

/* Reads the progress of every lesson for the menu. */
void tl_menu_refresh(tl_state *s);
/* Whether lesson i of the list is done, as the menu last read it. */
bool tl_lesson_done(const tl_state *s, size_t i, unsigned *score, unsigned *max);

/* Drawing (tui_lesson_pane.c, tui_lesson_screens.c). */
tui_rect tl_draw_view(tl_state *s, const tui_model *m, tui_rect main, tui_hits *h);
void tl_draw_menu(tl_state *s);
void tl_draw_intro(tl_state *s);
void tl_draw_finish(tl_state *s);
void tl_draw_help(tl_state *s);
/* The bottom line: the keys that matter now. */
void tl_draw_keys(const tl_state *s, const tui_model *m);
/* Lesson prose (a little Markdown: paragraphs, "- " items, `code`) into a flow. */
struct tui_flow;
void tl_flow_prose(struct tui_flow *f, int indent, int attr, const char *text);
/* TEXT after MARK ("• ", "2. "), wrapped lines hanging under the text. */
void tl_flow_item(struct tui_flow *f, int indent, int attr, const char *mark, const char *text);
const char *tl_level_words(int level);

#endif
