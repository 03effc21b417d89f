// swift-tools-version: 6.1
import PackageDescription

// Benchmarks for coach, kept out of the main package so `swift build` and `swift test` there
// never fetch or build the harness. Run from this folder: `swift package benchmark`.
let package = Package(
  name: "coach-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "coach", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .target(name: "CHeap"),
    .executableTarget(
      name: "CoachBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "CoachKit", package: "coach"),
        .product(name: "CoachKnowledge", package: "coach"),
        "CHeap",
      ],
      path: "Benchmarks/CoachBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
