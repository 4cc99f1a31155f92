/// Collects parse defects in order, without duplicates, up to a fixed count.
struct DefectLog: Sendable {
    private(set) var defects: [ParseDefect] = []
    private var seen: Set<ParseDefect> = []
    private static let capacity = 100

    mutating func add(_ defect: ParseDefect?) {
        guard let defect, defects.count < Self.capacity, seen.insert(defect).inserted else { return }
        defects.append(defect)
    }
}
