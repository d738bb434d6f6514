/**
 * Who hears a request's answer: the client's attempt, handed to the server
 * code that answers now, later (a commit waiting for its standby) or never
 * (a frozen server). One object per attempt, so an answer that comes after
 * its attempt gave up reaches only that attempt, which ignores it.
 */
export interface Responder<T> {
  respond(answer: T): void;
}
