import Testing
@testable import BusinessTime

/// Western (Gregorian) Easter Sunday 2000–2100 as (month, day).
///
/// Source: generated with python-dateutil 2.9 `easter(year, EASTER_WESTERN)`, an implementation of
/// a different method (Oudin's, via Claus Tøndering), and checked by hand against published
/// dates for 2000–2029; the test below also cross-checks it with Gauss's algorithm.
private let easterTable: [Int: (month: Int, day: Int)] = [
    2000: (4, 23), 2001: (4, 15), 2002: (3, 31), 2003: (4, 20), 2004: (4, 11), 2005: (3, 27),
    2006: (4, 16), 2007: (4, 8), 2008: (3, 23), 2009: (4, 12), 2010: (4, 4), 2011: (4, 24),
    2012: (4, 8), 2013: (3, 31), 2014: (4, 20), 2015: (4, 5), 2016: (3, 27), 2017: (4, 16),
    2018: (4, 1), 2019: (4, 21), 2020: (4, 12), 2021: (4, 4), 2022: (4, 17), 2023: (4, 9),
    2024: (3, 31), 2025: (4, 20), 2026: (4, 5), 2027: (3, 28), 2028: (4, 16), 2029: (4, 1),
    2030: (4, 21), 2031: (4, 13), 2032: (3, 28), 2033: (4, 17), 2034: (4, 9), 2035: (3, 25),
    2036: (4, 13), 2037: (4, 5), 2038: (4, 25), 2039: (4, 10), 2040: (4, 1), 2041: (4, 21),
    2042: (4, 6), 2043: (3, 29), 2044: (4, 17), 2045: (4, 9), 2046: (3, 25), 2047: (4, 14),
    2048: (4, 5), 2049: (4, 18), 2050: (4, 10), 2051: (4, 2), 2052: (4, 21), 2053: (4, 6),
    2054: (3, 29), 2055: (4, 18), 2056: (4, 2), 2057: (4, 22), 2058: (4, 14), 2059: (3, 30),
    2060: (4, 18), 2061: (4, 10), 2062: (3, 26), 2063: (4, 15), 2064: (4, 6), 2065: (3, 29),
    2066: (4, 11), 2067: (4, 3), 2068: (4, 22), 2069: (4, 14), 2070: (3, 30), 2071: (4, 19),
    2072: (4, 10), 2073: (3, 26), 2074: (4, 15), 2075: (4, 7), 2076: (4, 19), 2077: (4, 11),
    2078: (4, 3), 2079: (4, 23), 2080: (4, 7), 2081: (3, 30), 2082: (4, 19), 2083: (4, 4),
    2084: (3, 26), 2085: (4, 15), 2086: (3, 31), 2087: (4, 20), 2088: (4, 11), 2089: (4, 3),
    2090: (4, 16), 2091: (4, 8), 2092: (3, 30), 2093: (4, 12), 2094: (4, 4), 2095: (4, 24),
    2096: (4, 15), 2097: (3, 31), 2098: (4, 20), 2099: (4, 12), 2100: (3, 28),
]

/// Gauss's Easter algorithm with its two Gregorian exceptions, independent of the module's
/// Anonymous Gregorian (Meeus/Jones/Butcher) implementation.
private func gaussEaster(_ year: Int) -> (month: Int, day: Int) {
    let a = year % 19, b = year % 4, c = year % 7
    let k = year / 100
    let p = (13 + 8 * k) / 25
    let q = k / 4
    let m = (15 - p + k - q) % 30
    let n = (4 + k - q) % 7
    let d = (19 * a + m) % 30
    let e = (2 * b + 4 * c + 6 * d + n) % 7
    if d == 29 && e == 6 { return (4, 19) }
    if d == 28 && e == 6 && (11 * m + 11) % 30 < 19 { return (4, 18) }
    let marchDay = 22 + d + e
    return marchDay > 31 ? (4, marchDay - 31) : (3, marchDay)
}

@Suite("Computus")
struct ComputusTests {
    @Test("table covers every year 2000–2100")
    func tableIsComplete() {
        #expect(easterTable.count == 101)
        #expect(Set(easterTable.keys) == Set(2000...2100))
    }

    @Test("Anonymous Gregorian algorithm matches the table", arguments: 2000...2100)
    func matchesTable(year: Int) throws {
        let expected = try #require(easterTable[year])
        let easter = Computus.easterSunday(year: year)
        #expect(easter == LocalDate(unchecked: year, expected.month, expected.day))
        #expect(easter.weekday == .sunday)
    }

    @Test("the table agrees with Gauss's algorithm (catches typos in the table)", arguments: 2000...2100)
    func tableMatchesGauss(year: Int) throws {
        let expected = try #require(easterTable[year])
        let gauss = gaussEaster(year)
        #expect(gauss.month == expected.month && gauss.day == expected.day)
    }

    @Test("agrees with Gauss's algorithm over the whole Gregorian range 1583–4099")
    func matchesGaussWidely() {
        for year in 1583...4099 {
            let easter = Computus.easterSunday(year: year)
            let gauss = gaussEaster(year)
            #expect(easter.month == gauss.month && easter.day == gauss.day, "year \(year)")
            #expect(easter.weekday == .sunday, "year \(year)")
            #expect(easter >= LocalDate(unchecked: year, 3, 22) && easter <= LocalDate(unchecked: year, 4, 25), "year \(year)")
        }
    }
}
