#include "ui/tui_menu.h"

#include <stdio.h>

#include "crypto/kex.h"
#include "sim/suites.h"
#include "ui/tui_curses.h"
#include "ui/tui_draw.h"

enum { ITEM_SUITE, ITEM_GROUP, ITEM_MTLS, ITEM_EMS, ITEM_SEED, ITEM_COUNT };

static const kex_group groups[] = {GROUP_X25519, GROUP_SECP256R1, GROUP_SECP384R1,
                                   GROUP_FFDHE2048};
enum { N_GROUPS = sizeof groups / sizeof groups[0] };

void tui_scenario_fit_group(scenario *sc)
{
    if (sc->suite->kex == HS_KEX_DHE)
        sc->group = GROUP_FFDHE2048;
    else if (sc->group == GROUP_FFDHE2048)
        sc->group = GROUP_X25519;
}

void tui_menu_open(tui_menu *mn, const scenario *sc)
{
    mn->open = true;
    mn->item = ITEM_SUITE;
    mn->draft = *sc;
}

static size_t suite_index(const suite_info *s)
{
    for (size_t i = 0; i < suite_count(); i++)
        if (suite_at(i) == s)
            return i;
    return 0;
}

static size_t group_index(kex_group g)
{
    for (size_t i = 0; i < N_GROUPS; i++)
        if (groups[i] == g)
            return i;
    return 0;
}

static void change(tui_menu *mn, int dir)
{
    scenario *sc = &mn->draft;
    switch (mn->item) {
    case ITEM_SUITE: {
        size_t n = suite_count(), i = suite_index(sc->suite);
        sc->suite = suite_at((i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n);
        break;
    }
    case ITEM_GROUP: {
        size_t i = group_index(sc->group);
        sc->group = groups[(i + N_GROUPS + (dir > 0 ? 1 : N_GROUPS - 1)) % N_GROUPS];
        break;
    }
    case ITEM_MTLS: sc->client_auth = !sc->client_auth; break;
    case ITEM_EMS: sc->ems = !sc->ems; break;
    default: sc->seed = dir > 0 ? sc->seed + 1 : sc->seed ? sc->seed - 1 : 0; break;
    }
}

tui_menu_result tui_menu_key(tui_menu *mn, int key)
{
    switch (key) {
    case 27:
    case 'q':
    case 's':
        mn->open = false;
        return MENU_CANCEL;
    case '\n':
    case '\r':
    case KEY_ENTER:
        mn->open = false;
        tui_scenario_fit_group(&mn->draft);
        return MENU_APPLY;
    case KEY_UP:
    case 'k':
        mn->item = (mn->item + ITEM_COUNT - 1) % ITEM_COUNT;
        return MENU_STAY;
    case KEY_DOWN:
    case 'j':
    case '\t':
        mn->item = (mn->item + 1) % ITEM_COUNT;
        return MENU_STAY;
    case KEY_RIGHT:
    case ' ':
    case '+':
        change(mn, 1);
        return MENU_STAY;
    case KEY_LEFT:
    case '-':
        change(mn, -1);
        return MENU_STAY;
    default:
        break;
    }
    if (mn->item == ITEM_SEED) {
        if (key >= '0' && key <= '9' && mn->draft.seed < 100000000000000000ULL)
            mn->draft.seed = mn->draft.seed * 10 + (uint64_t)(key - '0');
        else if (key == KEY_BACKSPACE || key == 127 || key == 8)
            mn->draft.seed /= 10;
    }
    return MENU_STAY;
}

void tui_menu_draw(const tui_menu *mn)
{
    tui_rect in = tui_overlay(13, 72, "scenario");
    const scenario *sc = &mn->draft;
    scenario fitted = *sc;
    tui_scenario_fit_group(&fitted);
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)sc->seed);
    const char *labels[ITEM_COUNT] = {"suite", "group", "mutual TLS", "extended master secret",
                                      "seed"};
    const char *values[ITEM_COUNT] = {
        sc->suite->name,
        sc->suite->kex == HS_KEX_RSA ? "(none: RSA key transport)" : kex_group_name(fitted.group),
        sc->client_auth ? "on" : "off", sc->ems ? "on" : "off", seed};
    for (int i = 0; i < ITEM_COUNT; i++) {
        int attr = i == mn->item ? tui_attr(ROLE_CURSOR) : 0;
        tui_fill(in.y + 1 + i, in.x, in.w, attr);
        tui_put(in.y + 1 + i, in.x + 1, 24, attr | TUI_BOLD, labels[i]);
        tui_putf(in.y + 1 + i, in.x + 25, in.w - 26, attr, "%s %s %s",
                 tui_utf8() ? "◀" : "<", values[i], tui_utf8() ? "▶" : ">");
    }
    tui_wrap(in.y + 7, in.x + 1, in.w - 2, 2, 0, tui_attr(ROLE_DIM), sc->suite->explain);
    tui_put(in.y + 10, in.x + 1, in.w - 2, tui_attr(ROLE_TITLE),
            "Up/Down choose  Left/Right change  0-9 seed  Enter run  Esc cancel");
}
