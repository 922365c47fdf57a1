import { useEffect, useRef, useSyncExternalStore } from 'react';
import { agentSocket, liveState, onLiveState } from './socket';

/** Calls the latest `handler` for every `event` on the agent socket while mounted. */
export function useSocketEvent<T>(event: string, handler: (payload: T) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const socket = agentSocket();
    const listener = (payload: T) => latest.current(payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [event]);
}

export const useLiveState = () => useSyncExternalStore(onLiveState, liveState);
