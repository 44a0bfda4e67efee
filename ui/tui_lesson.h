/* The lesson view of the terminal UI (tlssim lesson): a menu of lessons, a lesson's
 * intro, its steps in a lesson pane beside the handshake panes, its questions
 * answered against the live trace, and a finish screen with the score. */
#ifndef TLSSIM_TUI_LESSON_H
#define TLSSIM_TUI_LESSON_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/lesson.h"
#include "ui/tui_theme.h"

/* Opens the lesson with that id, or the menu when id is NULL, on the terminal;
 * returns an exit status (2 without a terminal or for an unknown id). Scenarios
 * without --seed run with seed, or with the seed of the place where the student left
 * a lesson unless seeded (the student chose seed). */
int tui_lesson_main(const lesson_list *lessons, const char *id, uint64_t seed, bool seeded,
                    tui_theme theme);

#endif
