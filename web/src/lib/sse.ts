// An incremental Server-Sent Events parser (the WHATWG "event stream"
// grammar): bytes go in as they arrive, whole events come out. Chunks may
// split anywhere — inside a line, between CR and LF, inside a multi-byte UTF-8
// character — so a streamed answer renders the same however the network cut
// it. Pure: no I/O, no timers.

export interface SseEvent {
  /** The `event:` field, "message" when absent. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The last `id:` seen, "" when none. */
  id: string;
}

/** One event's data is capped so a hostile or broken stream cannot eat the tab's memory. */
export const SSE_MAX_EVENT_CHARS = 1 << 20;

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private line = '';
  /** The previous chunk ended in CR: a LF that starts the next one belongs to it. */
  private pendingCr = false;
  private started = false;
  private event = '';
  private data: string[] = [];
  private dataChars = 0;
  private hasData = false;
  private lastId = '';

  /** Feeds the next piece of the stream; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM may open the stream
    }
    const out: SseEvent[] = [];
    let i = 0;
    if (this.pendingCr && text.length > 0) {
      this.pendingCr = false;
      if (text[0] === '\n') i = 1;
    }
    let from = i;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line += text.slice(from, i);
      this.takeLine(out);
      if (c === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else this.pendingCr = true;
      }
      from = i + 1;
    }
    this.line += text.slice(from);
    if (this.line.length > SSE_MAX_EVENT_CHARS) throw new Error('a streamed event is larger than 1 MiB');
    return out;
  }

  /**
   * The stream ended. Per the standard an event without its closing blank
   * line is dropped; returns the events that were complete (normally none).
   */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    const rest = this.decoder.decode();
    if (rest) out.push(...this.push(rest));
    return out;
  }

  private takeLine(out: SseEvent[]): void {
    const line = this.line;
    this.line = '';
    if (line === '') {
      if (this.hasData) out.push({ event: this.event || 'message', data: this.data.join('\n'), id: this.lastId });
      this.event = '';
      this.data = [];
      this.dataChars = 0;
      this.hasData = false;
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" comment (keep-alives)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        this.dataChars += value.length + 1;
        if (this.dataChars > SSE_MAX_EVENT_CHARS) throw new Error('a streamed event is larger than 1 MiB');
        this.data.push(value);
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      default:
        break; // "retry" and unknown fields do not matter here
    }
  }
}

/** Parses a whole stream at once (tests, small bodies). */
export function parseSse(text: string): SseEvent[] {
  const p = new SseParser();
  return [...p.push(text), ...p.end()];
}
