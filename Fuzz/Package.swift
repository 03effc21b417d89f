// swift-tools-version: 6.1
// libFuzzer targets for coach, in a package of their own so the main build never needs the
// fuzzer runtime. Build and run them with Fuzz/fuzz.sh (see the README, "Safety and privacy").
//
// fuzz.sh gives the whole build (CoachKit included) AddressSanitizer and libFuzzer's coverage
// on the command line. `-sanitize=fuzzer` itself cannot go there: it would make the knowledge
// plugin's tool a fuzzer too. So only the two targets link the fuzzer runtime, and each has a
// `main` that hands its entry point to libFuzzer's driver (SwiftPM renames an executable's
// `main`, so libFuzzer's own cannot be used).
import PackageDescription

let fuzzer: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
  name: "coach-fuzz",
  dependencies: [
    .package(name: "coach", path: "..")
  ],
  targets: [
    .systemLibrary(name: "CLibFuzzer"),
    .executableTarget(
      name: "FuzzMatcher",
      dependencies: ["CLibFuzzer", .product(name: "CoachKit", package: "coach")],
      linkerSettings: fuzzer
    ),
    .executableTarget(
      name: "FuzzKnowledge",
      dependencies: ["CLibFuzzer", .product(name: "CoachKit", package: "coach")],
      linkerSettings: fuzzer
    ),
  ]
)
