import Foundation

/// A bar chart laid out for an inline SVG: every coordinate computed here, every text a plain
/// value for the page template to escape.
struct BarChart {
    /// One bar: its axis label, its height's value, the value as shown, and the tickets behind it.
    struct Bar {
        var label: String
        var value: Double
        var shown: String
        var tickets: [Int] = []
    }

    var title: String
    var bars: [Bar]
    /// The value of a full-height bar; nil: the largest value (at least 1).
    var scale: Double?

    static let width = 640.0, height = 220.0, top = 18.0, bottom = 36.0, side = 8.0
    /// Bars are at most this wide, so a chart of few bars stays a chart.
    static let widestBar = 56.0
    /// At most this many axis labels; with more bars only every n-th is labelled.
    static let maximumLabels = 14

    /// The values the page template reads.
    var view: [String: Any] {
        let plot = Self.height - Self.top - Self.bottom
        let slot = (Self.width - 2 * Self.side) / Double(max(bars.count, 1))
        let barWidth = min(Self.widestBar, max(1, slot * 0.8))
        let full = scale ?? max(bars.map(\.value).max() ?? 1, 1)
        let every = Int((Double(bars.count) / Double(Self.maximumLabels)).rounded(.up))
        let laidOut: [[String: Any]] = bars.enumerated().map { index, bar in
            let height = full > 0 ? plot * min(bar.value, full) / full : 0
            let x = Self.side + Double(index) * slot + (slot - barWidth) / 2
            let tickets = bar.tickets.map { "#\($0)" }.joined(separator: " ")
            return [
                "x": Self.number(x), "y": Self.number(Self.top + plot - height), "width": Self.number(barWidth), "height": Self.number(height),
                "center": Self.number(x + barWidth / 2), "valueY": Self.number(Self.top + plot - height - 4), "labelY": Self.number(Self.height - Self.bottom + 16),
                "label": bar.label, "shown": bar.shown, "tickets": tickets, "hasTickets": !tickets.isEmpty,
                "showLabel": every <= 1 || index % every == 0,
                "tooltip": tickets.isEmpty ? "\(bar.label): \(bar.shown)" : "\(bar.label): \(bar.shown) — \(tickets)",
            ]
        }
        return [
            "title": title, "width": Self.number(Self.width), "height": Self.number(Self.height), "bars": laidOut, "empty": bars.isEmpty,
            "baseline": Self.number(Self.top + plot), "right": Self.number(Self.width - Self.side), "left": Self.number(Self.side),
        ]
    }

    /// A coordinate with at most one decimal.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
