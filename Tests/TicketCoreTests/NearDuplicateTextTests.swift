import Testing
@testable import TicketCore

@Suite("Near-duplicate texts")
struct NearDuplicateTextTests {
    static let lottery = """
        Dear Winner, your e-mail address has won 1,500,000 EUR in the International E-mail Lottery draw held on 12 November. \
        To claim your prize send your full name, address and bank details to our claims agent Mr. Johnson within seven days. \
        Reference number: 88213/XL.
        """
    static let lotteryOtherNumbers = """
        Dear Winner, your e-mail address has won 2,750,000 EUR in the International E-mail Lottery draw held on 14 November. \
        To claim your prize send your full name, address and bank details to our claims agent Mr. Johnson within seven days. \
        Reference number: 10442/XL.
        """
    static let lotteryOneWordChanged = """
        Dear Friend, your e-mail address has won 1,500,000 EUR in the International E-mail Lottery draw held on 12 November. \
        To claim your prize send your full name, address and bank details to our claims agent Mr. Johnson within seven days. \
        Reference number: 88213/XL.
        """
    static let lotteryShouting = """
        DEAR WINNER!!! Your e-mail address has WON 1.500.000 EUR in the international e-mail lottery draw held on 12 November...
        To claim your prize, send your full name, address and bank details to our claims agent Mr Johnson within seven days.
        Reference number 88213-XL
        """
    static let printer = "Hello, the printer on the second floor prints only blank pages since this morning. Can someone have a look? Thanks, Péter"
    static let invoice = "Hi, I did not receive the invoice for October. Could you send it again to this address? Regards, Anna"
    static let hungarian = "Tisztelt Ügyfélszolgálat! A múlt héten rendelt nyomtató még nem érkezett meg, a rendelésszám 4411. Kérem, nézzék meg, hol tart a csomag."
    static let hungarianNoAccents = "Tisztelt Ugyfelszolgalat! A mult heten rendelt nyomtato meg nem erkezett meg, a rendelesszam 5528. Kerem, nezzek meg, hol tart a csomag."
    static let hungarianOther = "Jó napot! A számlán szereplő összeg nem egyezik a szerződésben rögzített díjjal. Kérem a számla javítását és újraküldését."
    static let polish = "Dzień dobry, drukarka w biurze na drugim piętrze drukuje tylko puste strony. Proszę o pilną interwencję technika. Pozdrawiam, Jan"
    static let polishOneWordChanged = "Dzień dobry, drukarka w biurze na trzecim piętrze drukuje tylko puste strony. Proszę o pilną interwencję technika. Pozdrawiam, Jan"
    static let polishOther = "Witam, proszę o przesłanie duplikatu faktury za wrzesień, ponieważ oryginał zaginął w księgowości. Z poważaniem, Anna Nowak"

    func similarity(_ a: String, _ b: String) -> Double {
        NearDuplicateText(a).similarity(to: NearDuplicateText(b))
    }

    @Test(arguments: [
        (lottery, lottery), (lottery, lotteryOtherNumbers), (lottery, lotteryShouting), (hungarian, hungarianNoAccents),
    ])
    func copiesAreIdentical(a: String, b: String) {
        #expect(similarity(a, b) == 1)
    }

    @Test(arguments: [(lottery, lotteryOneWordChanged), (polish, polishOneWordChanged)])
    func oneWordChangedIsStillACopy(a: String, b: String) {
        let value = similarity(a, b)
        #expect(value >= NearDuplicateText.defaultThreshold && value < 1, "similarity \(value)")
        #expect(NearDuplicateText(a).isNearDuplicate(of: NearDuplicateText(b)))
    }

    @Test(arguments: [
        (lottery, printer), (printer, invoice), (invoice, hungarian), (hungarian, hungarianOther), (polish, polishOther),
        (printer, polish), (lottery, polishOther),
    ])
    func differentMailsAreNot(a: String, b: String) {
        let value = similarity(a, b)
        #expect(value < 0.2, "similarity \(value)")
        #expect(!NearDuplicateText(a).isNearDuplicate(of: NearDuplicateText(b)))
    }

    @Test func aCopyWithSomethingAddedIsStillClose() {
        let value = similarity(Self.lottery, Self.lottery + " Congratulations once again from the whole lottery team!")
        #expect(value >= NearDuplicateText.defaultThreshold, "similarity \(value)")
    }

    @Test func textsWithoutWordsAreSimilarToNothing() {
        #expect(NearDuplicateText("").isEmpty)
        #expect(NearDuplicateText(" !!! 🎉 ").isEmpty)
        #expect(similarity("", "") == 0)
        #expect(similarity("", Self.lottery) == 0)
    }

    @Test func shortTextsStillHaveASignature() {
        #expect(similarity("Hello", "hello!") == 1)
        #expect(similarity("Hello there", "HELLO, there") == 1)
        #expect(similarity("Hello", "Goodbye") < 0.2)
    }

    @Test func signaturesAreStableAndStoredAsBandAndSketch() throws {
        let signature = NearDuplicateText(Self.lottery)
        #expect(signature.minima.count == NearDuplicateText.hashCount)
        #expect(signature.sketch.count == NearDuplicateText.hashCount * 4)
        #expect(NearDuplicateText("").sketch.isEmpty && NearDuplicateText("").band.isEmpty)
        // Fixed across runs and machines: the first minimum of a known text, as band and in the sketch.
        #expect(NearDuplicateText("the quick brown fox").minima == NearDuplicateText("The  quick, brown fox!").minima)
        let known = NearDuplicateText("a b c")
        #expect(known.band == Self.knownFirstMinimum)
        #expect(known.sketch.prefix(4) == [0x12, 0x17, 0xb6, 0xd2], "the upper 32 bits of the first minimum, big-endian")
    }

    static let knownFirstMinimum = "1217b6d2b95076d2"
}

@Suite("Near-duplicate probe on stored sketches")
struct NearDuplicateProbeTests {
    /// `signature`'s sketch with the upper bits of its first `changed` minima altered.
    static func altered(_ signature: NearDuplicateText, changed: Int) -> [UInt8] {
        var sketch = signature.sketch
        for index in 0..<changed { sketch[index * 4 + (index % 4)] ^= 0x5a }
        return sketch
    }

    @Test(arguments: [0.0, 0.5, 0.9, 0.91, 0.95, 1.0])
    func agreesWithTheCountOfEqualMinima(threshold: Double) throws {
        let signature = NearDuplicateText(NearDuplicateTextTests.lottery)
        let probe = NearDuplicateText.Probe(signature, threshold: threshold)
        for changed in 0...NearDuplicateText.hashCount {
            let similarity = Double(NearDuplicateText.hashCount - changed) / Double(NearDuplicateText.hashCount)
            #expect(probe.matches(sketch: Self.altered(signature, changed: changed)) == (similarity >= threshold), "\(changed) changed at \(threshold)")
        }
    }

    @Test(arguments: [0.3, 0.5, 0.7, 0.9])
    func agreesWithTheSignaturesOnRealTexts(threshold: Double) {
        let texts = [
            NearDuplicateTextTests.lottery, NearDuplicateTextTests.lotteryOtherNumbers, NearDuplicateTextTests.lotteryOneWordChanged,
            NearDuplicateTextTests.lotteryShouting, NearDuplicateTextTests.printer, NearDuplicateTextTests.invoice,
            NearDuplicateTextTests.hungarian, NearDuplicateTextTests.hungarianNoAccents, NearDuplicateTextTests.hungarianOther,
            NearDuplicateTextTests.polish, NearDuplicateTextTests.polishOneWordChanged, NearDuplicateTextTests.polishOther,
        ].flatMap { [NearDuplicateText($0), NearDuplicateText($0, foldingNumbers: false)] }
        var copies = 0
        for first in texts {
            let probe = NearDuplicateText.Probe(first, threshold: threshold)
            for second in texts {
                let expected = first.isNearDuplicate(of: second, threshold: threshold)
                if expected { copies += 1 }
                #expect(probe.matches(sketch: second.sketch) == expected, "\(first.band) against \(second.band) at \(threshold)")
            }
        }
        #expect(copies > texts.count, "some pairs besides each text with itself are copies")
    }

    @Test func anythingButASketchMatchesNothing() {
        let signature = NearDuplicateText(NearDuplicateTextTests.printer)
        let probe = NearDuplicateText.Probe(signature, threshold: 0.9)
        #expect(probe.matches(sketch: signature.sketch))
        #expect(!probe.matches(sketch: []))
        #expect(!probe.matches(sketch: Array(signature.sketch.dropLast())), "a byte short")
        #expect(!probe.matches(sketch: signature.sketch + [0]), "a byte too many")
        #expect(!probe.matches(sketch: Array(String(repeating: "0", count: 1024).utf8)), "an old hex signature")
        #expect(!NearDuplicateText.Probe(NearDuplicateText(""), threshold: 0.9).matches(sketch: signature.sketch))
    }
}
