#include "ui/tui_keys.h"

#include "ui/tui_curses.h"

/* Backspace arrives as KEY_BACKSPACE, DEL or ^H depending on the terminal. */
const tui_key tui_keys[] = {
    /* Pairs share a help row (label NULL on the second), so the help fits 80x24. */
    {{KEY_RIGHT, 'n', ' ', 0}, "Right Left", "next step, previous step (also n Space, p Backspace)",
     ACT_NEXT},
    {{KEY_LEFT, 'p', KEY_BACKSPACE, 127, 8}, NULL, NULL, ACT_PREV},
    {{KEY_HOME, 0, 0, 0}, "Home End G", "first / last step", ACT_FIRST},
    {{KEY_END, 'G', 0, 0}, NULL, NULL, ACT_LAST},
    {{'\t', 0, 0, 0}, "Tab", "next pane: ladder, fields, hex bytes", ACT_NEXT_PANE},
    {{KEY_UP, 'k', 0, 0}, "Up Down k j", "move within the pane (steps, fields, bytes)", ACT_UP},
    {{KEY_DOWN, 'j', 0, 0}, NULL, NULL, ACT_DOWN},
    {{'[', 0, 0, 0}, "[ ]", "previous / next byte in the hex pane", ACT_BYTE_PREV},
    {{']', 0, 0, 0}, NULL, NULL, ACT_BYTE_NEXT},
    {{'\n', '\r', KEY_ENTER, 0}, "Enter", "expand or collapse the selected field", ACT_TOGGLE},
    {{KEY_PPAGE, 0, 0, 0}, "PgUp PgDn", "scroll a page up / down", ACT_PAGE_UP},
    {{KEY_NPAGE, 0, 0, 0}, NULL, NULL, ACT_PAGE_DOWN},
    {{'1', 0, 0, 0}, "1", "view: the handshake, step by step", ACT_VIEW_STEP},
    {{'2', 0, 0, 0}, "2", "view: every secret derived so far", ACT_VIEW_SECRETS},
    {{'3', 0, 0, 0}, "3", "view: the certificate chains and every check", ACT_VIEW_CHAIN},
    {{'4', 0, 0, 0}, "4", "view: a certificate as an ASN.1 tree (again: the next one)",
     ACT_VIEW_CERT},
    {{'s', 0, 0, 0}, "s", "scenario menu: suite, group, mutual TLS, EMS, seed", ACT_SCENARIO},
    {{'f', 0, 0, 0}, "f", "fault menu: break the handshake on purpose, see who notices", ACT_FAULTS},
    {{'H', 0, 0, 0}, "H", "fault menu: hide who notices and the alert", ACT_FAULTS_HIDE},
    {{'e', 0, 0, 0}, "e", "edit the selected byte on the wire and run again", ACT_EDIT},
    {{'x', 0, 0, 0}, "x", "clear all faults and edits", ACT_CLEAR},
    {{'a', 0, 0, 0}, "a", "exercise: answer (side, check, alert, fault)", ACT_ANSWER},
    {{'c', 0, 0, 0}, "c", "compare with another suite, side by side", ACT_COMPARE},
    {{'?', 'h', KEY_F(1), 0}, "? h F1  g", "this help; g: the glossary entry of the field or step",
     ACT_HELP},
    {{'g', 0, 0, 0}, NULL, NULL, ACT_GLOSSARY},
    {{'q', 'Q', 0, 0}, "q", "quit", ACT_QUIT},
};
const size_t tui_n_keys = sizeof tui_keys / sizeof tui_keys[0];

tui_action tui_key_action(int code)
{
    for (size_t i = 0; i < tui_n_keys; i++)
        for (size_t k = 0; k < 5 && tui_keys[i].codes[k]; k++)
            if (tui_keys[i].codes[k] == code)
                return tui_keys[i].action;
    return ACT_NONE;
}

const tui_lesson_key tui_lesson_keys[] = {
    {{'l', 27, 0, 0}, "l Esc", "switch between the lesson and the handshake panes", LACT_FOCUS},
    {{KEY_RIGHT, 'n', ' ', 0}, "Right n Space", "next question or step of the lesson", LACT_NEXT},
    {{KEY_LEFT, 'p', KEY_BACKSPACE, 127, 8}, "Left p", "back to the step before", LACT_PREV},
    {{KEY_UP, 'k', 0, 0}, "Up Down", "scroll the lesson text", LACT_UP},
    {{KEY_DOWN, 'j', 0, 0}, NULL, NULL, LACT_DOWN},
    {{KEY_PPAGE, 0, 0, 0}, "PgUp PgDn", "scroll a page", LACT_PAGE_UP},
    {{KEY_NPAGE, 0, 0, 0}, NULL, NULL, LACT_PAGE_DOWN},
    {{'1', '2', '3', '4', 0}, "1 2 3 ...", "pick that choice", LACT_CHOICE},
    {{'\n', '\r', KEY_ENTER, 'a', 0}, "Enter a",
     "answer: type it in, or check the bytes selected in the hex pane", LACT_ANSWER},
    {{'r', 0, 0, 0}, "r", "show the answer (the question counts as not right)", LACT_REVEAL},
    {{'?', 'h', KEY_F(1), 0}, "? h F1", "this help", LACT_HELP},
    {{'q', 'Q', 0, 0}, "q", "leave the lesson (for the menu; answers so far are kept)", LACT_LEAVE},
};
const size_t tui_n_lesson_keys = sizeof tui_lesson_keys / sizeof tui_lesson_keys[0];

tui_lesson_action tui_lesson_key_action(int code)
{
    if (code >= '1' && code <= '9')
        return LACT_CHOICE;
    for (size_t i = 0; i < tui_n_lesson_keys; i++)
        for (size_t k = 0; k < 5 && tui_lesson_keys[i].codes[k]; k++)
            if (tui_lesson_keys[i].codes[k] == code)
                return tui_lesson_keys[i].action;
    return LACT_NONE;
}

bool tui_key_changes_run(int code)
{
    tui_action a = tui_key_action(code);
    return a == ACT_SCENARIO || a == ACT_FAULTS || a == ACT_EDIT || a == ACT_CLEAR;
}
