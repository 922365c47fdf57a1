import { useEffect, useState } from 'react';
import { Button, SelectField, TextField } from '../../components/ui';
import { type DayRange, PRESETS, type Preset, isDate, rangeProblem } from '../../lib/analytics';

/**
 * A preset range, applied as soon as it is chosen, or a custom one from two dates (both days
 * counted), applied with the button so half-typed dates ask nothing of the reports.
 */
export function RangePicker({
  preset,
  range,
  timeZone,
  onChange,
}: {
  preset: Preset;
  range: DayRange;
  timeZone: string;
  onChange: (preset: Preset, range?: DayRange) => void;
}) {
  const [custom, setCustom] = useState(preset === 'custom');
  const [from, setFrom] = useState(range.from);
  const [through, setThrough] = useState(range.through);
  const [problem, setProblem] = useState<{ field: 'from' | 'through'; message: string } | null>(
    null,
  );
  useEffect(() => {
    setFrom(range.from);
    setThrough(range.through);
  }, [range.from, range.through]);
  useEffect(() => setCustom(preset === 'custom'), [preset]);

  return (
    <form
      className="card range-picker inline-form"
      aria-label="Report range"
      data-testid="range-picker"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = rangeProblem(from, through);
        setProblem(found);
        if (!found) onChange('custom', { from, through });
      }}
    >
      <SelectField
        label="Range"
        name="preset"
        value={custom ? 'custom' : preset}
        options={PRESETS}
        onChange={(event) => {
          const next = event.target.value as Preset;
          setProblem(null);
          if (next === 'custom') setCustom(true);
          else onChange(next);
        }}
      />
      {custom && (
        <>
          <TextField
            label="From"
            name="from"
            type="date"
            value={from}
            max={isDate(through) ? through : undefined}
            onChange={(event) => setFrom(event.target.value)}
            error={problem?.field === 'from' ? problem.message : undefined}
          />
          <TextField
            label="Through"
            name="through"
            type="date"
            value={through}
            min={isDate(from) ? from : undefined}
            onChange={(event) => setThrough(event.target.value)}
            error={problem?.field === 'through' ? problem.message : undefined}
          />
          <Button type="submit" variant="primary" data-testid="range-apply">
            Apply
          </Button>
        </>
      )}
      <p className="muted range-summary" data-testid="range-summary" aria-live="polite">
        {range.from === range.through ? range.from : `${range.from} – ${range.through}`} · days and
        times in {timeZone}
      </p>
    </form>
  );
}
