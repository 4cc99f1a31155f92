/// Accumulates the scalars of one word while tracking what the tokenizer
/// needs to know about it.
struct WordBuilder {
    private(set) var scalars = String.UnicodeScalarView()
    /// Characters excluding combining marks.
    private(set) var length = 0
    private(set) var digitCount = 0
    private(set) var hasUppercase = false
    private(set) var hasMark = false
    /// Only ASCII digits and in-number separators so far.
    private(set) var isNumeric = true

    var isEmpty: Bool { scalars.isEmpty }

    mutating func append(_ scalar: Unicode.Scalar) {
        scalars.append(scalar)
        let value = scalar.value
        if value >= 0x30 && value <= 0x39 {
            digitCount += 1
            length += 1
            return
        }
        if scalar == "." || scalar == "," {
            length += 1
            return
        }
        isNumeric = false
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A { hasUppercase = true }
            length += 1
            return
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            hasMark = true
        default:
            length += 1
            if scalar.properties.changesWhenLowercased { hasUppercase = true }
        }
    }
}
