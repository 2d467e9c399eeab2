import type { ResultView } from '$lib/api/exam';
import type { ItemState } from './answer-queue';

/** What the tabs of one attempt in one browser tell each other. */
export type PeerMessage =
  | { type: 'hello'; tab: string }
  | { type: 'here'; tab: string }
  | { type: 'bye'; tab: string }
  /** A write of this tab the server applied: the others show it and number above it. */
  | { type: 'saved'; versionId: string; seq: number; state: ItemState }
  /** The attempt is finished (submitted or time-up): every copy stops and shows the result. */
  | { type: 'finished'; result: ResultView }
  /** The server's deadline moved (an extension). */
  | { type: 'deadline'; deadline: string };

type Envelope = { from: string; message: PeerMessage };

/**
 * The other tabs and windows of this browser with the same attempt open, over a BroadcastChannel.
 * Each tab greets on opening and answers greetings, so both sides count each other; a tab says
 * goodbye when its page goes away. Without BroadcastChannel the room simply works alone.
 */
export class TabPeers {
  readonly #channel: BroadcastChannel;
  readonly #tab = Math.random().toString(36).slice(2);
  readonly #others = new Set<string>();
  readonly #onMessage: (message: PeerMessage) => void;
  readonly #bye = () => this.#post({ type: 'bye', tab: this.#tab });
  onCount: (count: number) => void = () => {};

  private constructor(channel: BroadcastChannel, onMessage: (message: PeerMessage) => void) {
    this.#channel = channel;
    this.#onMessage = onMessage;
    channel.onmessage = (event: MessageEvent<Envelope>) => this.#receive(event.data);
    window.addEventListener('pagehide', this.#bye);
    this.#post({ type: 'hello', tab: this.#tab });
  }

  static open(attemptId: string, onMessage: (message: PeerMessage) => void): TabPeers | null {
    if (typeof BroadcastChannel === 'undefined') return null;
    return new TabPeers(new BroadcastChannel(`imtahan.exam.${attemptId}`), onMessage);
  }

  post(message: PeerMessage): void {
    this.#post(message);
  }

  close(): void {
    this.#bye();
    window.removeEventListener('pagehide', this.#bye);
    this.#channel.close();
  }

  #post(message: PeerMessage): void {
    try {
      this.#channel.postMessage({ from: this.#tab, message } satisfies Envelope);
    } catch {
      // A closed channel (the page is going away): nobody is left to tell.
    }
  }

  #receive(envelope: Envelope): void {
    if (!envelope || envelope.from === this.#tab) return;
    const { message } = envelope;
    const count = this.#others.size;
    if (message.type === 'hello') {
      this.#others.add(message.tab);
      this.#post({ type: 'here', tab: this.#tab });
    } else if (message.type === 'here') this.#others.add(message.tab);
    else if (message.type === 'bye') this.#others.delete(message.tab);
    else this.#onMessage(message);
    if (this.#others.size !== count) this.onCount(this.#others.size);
  }
}
