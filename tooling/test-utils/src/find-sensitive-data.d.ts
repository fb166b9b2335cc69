/** Test card numbers that must never show up in an error, a log or a page. */
export declare const SENTINEL_CARD_NUMBERS: readonly string[]

/** A security code used with the sentinel cards; rare enough as a digit run to scan for. */
export declare const SENTINEL_SECURITY_CODE: string

/**
 * Describes every sensitive value found in `text`: the sentinel card numbers, the given extra
 * secrets, and any Luhn-valid run of 13–19 digits that starts like a card. The description never
 * repeats a found value.
 */
export declare function findSensitiveData(text: string, secrets?: readonly string[]): string[]

/** Renders a thrown value every way a logger or a developer would see it. */
export declare function renderThrown(value: unknown): string

/** Throws when any rendering of `value` contains sensitive data (see `findSensitiveData`). */
export declare function expectNoSensitiveData(value: unknown, secrets?: readonly string[]): void
