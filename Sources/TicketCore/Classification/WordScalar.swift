/// What a Unicode scalar is to a word scanner: part of a word (a letter, or a digit: anything
/// with a numeric value), a mark that extends the character before it (combining accents,
/// variation selectors, joiners: part of a word in progress, like the grapheme it belongs to), or
/// a word break.
///
/// Letters and digits follow `Character.isLetter` / `isNumber` (the Alphabetic property, a
/// numeric type), decided for the scalar alone so that no grapheme breaking is needed; ASCII is
/// decided without a property lookup.
enum WordScalar {
    case letter, digit, mark, separator

    init(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39: self = .digit
            case 0x41...0x5A, 0x61...0x7A: self = .letter
            default: self = .separator
            }
            return
        }
        let properties = scalar.properties
        if properties.isGraphemeExtend || properties.generalCategory == .spacingMark {
            self = .mark
        } else if properties.numericType != nil {
            self = .digit
        } else if properties.isAlphabetic {
            self = .letter
        } else {
            self = .separator
        }
    }
}
