/* The lesson view without a terminal: every lesson action has a key its help
 * shows, the lesson keys do not collide with the handshake panes' keys they must
 * leave alone, and lesson prose is laid out as Markdown reads (lines of a paragraph
 * joined, a blank line between paragraphs, one line per item, code kept as is). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ui/tui_flow.h"
#include "ui/tui_keys.h"
#include "ui/tui_lesson_state.h"
#include "ui/tui_theme.h"

static void every_lesson_action_has_a_key(void **state)
{
    (void)state;
    for (int a = LACT_FOCUS; a <= LACT_LEAVE; a++) {
        bool found = false;
        for (size_t i = 0; i < tui_n_lesson_keys; i++)
            if ((int)tui_lesson_keys[i].action == a) {
                found = true;
                assert_non_null(tui_lesson_keys[i].what ? tui_lesson_keys[i].what
                                                        : tui_lesson_keys[i - 1].what);
                assert_int_equal(tui_lesson_key_action(tui_lesson_keys[i].codes[0]), a);
            }
        if (!found)
            fail_msg("lesson action %d has no key", a);
    }
}

/* 'l' switches the focus and 'r' shows an answer from the handshake panes too: the
 * panes must not give those keys a meaning of their own. */
static void lesson_keys_stay_free_in_the_panes(void **state)
{
    (void)state;
    assert_int_equal(tui_key_action('l'), ACT_NONE);
    assert_int_equal(tui_key_action('r'), ACT_NONE);
    assert_int_equal(tui_key_action(27), ACT_NONE);
    /* and the keys that would change the lesson's run are known as such */
    assert_true(tui_key_changes_run('s'));
    assert_true(tui_key_changes_run('f'));
    assert_true(tui_key_changes_run('e'));
    assert_false(tui_key_changes_run('n'));
}

/* How many lines text takes at width w (a flow of height 0 draws nothing). */
static int lines(const char *text, int w)
{
    tui_flow f = {{0, 0, 0, w}, 0, 0};
    tl_flow_prose(&f, 0, 0, text);
    return f.line;
}

static void prose_joins_lines_of_a_paragraph(void **state)
{
    (void)state;
    tui_glyphs_choose(false);
    assert_int_equal(lines("one two\nthree", 20), 1);
    assert_int_equal(lines("one two\nthree", 10), 2);
    assert_int_equal(lines("para one\n\npara two", 20), 3);
    assert_int_equal(lines("para one\n\n\n\npara two\n", 20), 3);
}

static void prose_keeps_items_and_code_apart(void **state)
{
    (void)state;
    tui_glyphs_choose(false);
    assert_int_equal(lines("- a\n- b\n3. c", 20), 3);
    assert_int_equal(lines("intro\n- a\n- b", 20), 3);
    /* An item's wrapped lines hang under its text: 16 columns after "- " at 18. */
    assert_int_equal(lines("- aaaa bbbb cccc dddd", 18), 2);
    assert_int_equal(lines("- aaaa bbbb cccc", 18), 1);
    /* An item goes on over an indented line. */
    assert_int_equal(lines("- aaaa\n  bbbb", 20), 1);
    assert_int_equal(lines("x\n\n    code  kept\n\ny", 30), 5);
    assert_int_equal(lines("```\na\n\nb\n```", 30), 3);
    assert_int_equal(lines("", 30), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_lesson_action_has_a_key),
        cmocka_unit_test(lesson_keys_stay_free_in_the_panes),
        cmocka_unit_test(prose_joins_lines_of_a_paragraph),
        cmocka_unit_test(prose_keeps_items_and_code_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
