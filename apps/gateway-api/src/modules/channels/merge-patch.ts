/**
 * JSON merge patch (RFC 7396) of one level: keys in the patch replace stored ones and a null
 * removes the key, so PATCH can change one credential or setting without resending the rest.
 */
export function mergePatch(
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged;
}
