/**
 * Fills the {0}, {1}... placeholders of a custom label, as String.format does in Apex, so a translated label
 * can put the values where its language wants them. Placeholders without a value stay as they are.
 *
 * @param {string} label the custom label text
 * @param {...*} args values for {0}, {1}...
 * @returns {string}
 */
export function formatLabel(label, ...args) {
    return String(label).replace(/\{(\d+)\}/g, (match, index) => {
        const value = args[index];
        return value === undefined || value === null ? match : String(value);
    });
}
