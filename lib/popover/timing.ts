// Every timing constant of the hover popover, with the reason for its value.
// Background: docs/decisions/0002-hover-timing.md.

/** Rest on a term this long before the popover opens: long enough that a pointer passing over text does not flash popovers, short enough to feel immediate. */
export const SHOW_DELAY_MS = 200;

/** Leave term and popover for this long before it closes: lets the pointer cross the gap onto the popover and forgives small slips (WCAG 1.4.13 "hoverable"). */
export const HIDE_DELAY_MS = 300;

/** After a key press in an editable field, hovering does not open popovers for this long: the reader is typing, not reading. */
export const TYPING_QUIET_MS = 1000;

/** A popover frame made ready for a term the pointer rests on leaves the page again if no popover opened within this long (the show was cancelled: a click, typing). */
export const PREPARED_MS = SHOW_DELAY_MS + 800;

/** A closed popover's host leaves the page this long after it closed: out of the event that closed it. */
export const CLOSED_HOST_MS = 100;

/** A touch or pen press that moves less than this (CSS px) is a tap, not a drag or a scroll (Android's touch slop is 8 dp). */
export const TAP_SLOP_PX = 10;

/** A press held this long is a long-press (the browser's own menu or text selection, ~500 ms on Android), not a tap. */
export const TAP_MAX_MS = 450;

/** A tap made while the popover runtime was still loading opens its term when the runtime starts, if it is at most this old. */
export const TAP_REPLAY_MS = 1500;
