import { type Socket, io } from 'socket.io-client';
import {
  type BotNotEnoughDataEvent,
  type MessageChunkPayload,
  type MessageDiscardedPayload,
  type MessagePayload,
  ServerEvents,
} from '@cxgenie/contracts';

/** A Socket.IO client of a gateway namespace that records every conversation event it receives. */
export interface RecordingSocket {
  socket: Socket;
  created: MessagePayload[];
  completed: MessagePayload[];
  chunks: MessageChunkPayload[];
  /** Streamed answers abandoned, each with how many chunks had arrived by then. */
  discarded: (MessageDiscardedPayload & { chunksBefore: number })[];
  /** `message.created` and `message.completed` together, in arrival order. */
  messages: MessagePayload[];
  /** Agent namespace only. */
  notEnoughData: BotNotEnoughDataEvent[];
}

export function connectSocket(
  baseUrl: string,
  namespace: string,
  auth: Record<string, unknown>,
): Promise<RecordingSocket> {
  const socket = io(`${baseUrl}${namespace}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
  });
  const recorder: RecordingSocket = {
    socket,
    created: [],
    completed: [],
    chunks: [],
    discarded: [],
    messages: [],
    notEnoughData: [],
  };
  socket.on(
    ServerEvents.MessageCreated,
    (m: MessagePayload) => recorder.created.push(m) && recorder.messages.push(m),
  );
  socket.on(
    ServerEvents.MessageCompleted,
    (m: MessagePayload) => recorder.completed.push(m) && recorder.messages.push(m),
  );
  socket.on(ServerEvents.BotNotEnoughData, (e: BotNotEnoughDataEvent) =>
    recorder.notEnoughData.push(e),
  );
  socket.on(ServerEvents.MessageChunk, (c: MessageChunkPayload) => recorder.chunks.push(c));
  socket.on(ServerEvents.MessageDiscarded, (d: MessageDiscardedPayload) =>
    recorder.discarded.push({ ...d, chunksBefore: recorder.chunks.length }),
  );
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve(recorder));
    socket.on('connect_error', reject);
  });
}
