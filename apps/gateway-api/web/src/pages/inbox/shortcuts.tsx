import { useEffect, useRef } from 'react';
import { Button } from '../../components/ui';

export const SHORTCUTS: [string, string][] = [
  ['j / k', 'Next / previous conversation'],
  ['r', 'Reply'],
  ['n', 'Internal note'],
  ['t', 'Take over'],
  ['b', 'Hand back to the bot'],
  ['e', 'Close (end) the conversation'],
  ['o', 'Reopen'],
  ['Ctrl + Enter', 'Send the reply'],
  ['Esc', 'Back to the list'],
  ['?', 'Show or hide this help'],
];

/** Shortcuts never fire while the agent types in a field. */
export const isTypingTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      className="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcuts-title"
      tabIndex={-1}
      ref={ref}
      data-testid="shortcut-help"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <Button onClick={onClose}>Close</Button>
    </div>
  );
}
