/// Real-world-shaped sample messages, embedded as literals so the test target needs no resources.
///
/// Fixtures with raw 8-bit bytes write them as `{XX}`; load every fixture with `bytes(_:)`.
enum Fixtures {}
