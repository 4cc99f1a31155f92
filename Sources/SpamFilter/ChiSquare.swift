import Foundation

/// Chi-square distribution helpers for Fisher's method of combining probabilities.
enum ChiSquare {
    /// Survival function Q(χ² | ν) = P(X ≥ χ²) for an even number of degrees of freedom.
    ///
    /// Uses the closed form `e^(-m) Σ_{i<ν/2} m^i / i!` with `m = χ²/2`,
    /// summed in log space so large token counts cannot underflow.
    static func survival(_ chiSquare: Double, degreesOfFreedom: Int) -> Double {
        precondition(
            degreesOfFreedom > 0 && degreesOfFreedom.isMultiple(of: 2), "degrees of freedom must be even and positive")
        let m = chiSquare / 2
        guard m > 0 else { return 1 }
        let logM = log(m)
        var logTerm = -m
        var maxLog = logTerm
        var logTerms = [logTerm]
        logTerms.reserveCapacity(degreesOfFreedom / 2)
        for i in 1..<(degreesOfFreedom / 2) {
            logTerm += logM - log(Double(i))
            logTerms.append(logTerm)
            maxLog = max(maxLog, logTerm)
        }
        let sum = logTerms.reduce(0) { $0 + exp($1 - maxLog) }
        return min(1, exp(maxLog + log(sum)))
    }
}
