import Foundation

extension String {
    /// The text in Unicode normalisation form C.
    ///
    /// Text that cannot change under NFC — every scalar below U+0300 (Latin, including
    /// Vietnamese's base letters), the precomposed Vietnamese letters (U+1E00–U+1EFF) and common
    /// punctuation and currency signs — is returned as it is; anything else (combining marks,
    /// other scripts) goes through Foundation. Returns and reports are almost all the first
    /// kind, and normalising them through Foundation was an eighth of a run.
    public var nfc: String {
        for scalar in unicodeScalars {
            let value = scalar.value
            if value < 0x300 || (0x1E00...0x1EFF).contains(value) || (0x2010...0x205E).contains(value) || (0x20A0...0x20BF).contains(value) {
                continue
            }
            return precomposedStringWithCanonicalMapping
        }
        return self
    }
}
