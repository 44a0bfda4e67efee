/* tlssim ui (and tlssim with no command or only scenario options): the terminal UI. */
#ifndef TLSSIM_CMD_UI_H
#define TLSSIM_CMD_UI_H

int cmd_ui(int argc, char **argv);
extern const char cmd_ui_usage[];

#endif
