// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "coach",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "coach", targets: ["coach"]),
    .library(name: "CoachKit", targets: ["CoachKit"]),
    .library(name: "CoachKnowledge", targets: ["CoachKnowledge"]),
  ],
  dependencies: [],
  targets: [
    .systemLibrary(
      name: "CEditLine",
      providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
    ),
    .systemLibrary(
      name: "CLibYAML",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    .systemLibrary(
      name: "CStemmer",
      providers: [.apt(["libstemmer-dev"]), .brew(["snowball"])]
    ),
    .executableTarget(
      name: "embed-knowledge",
      path: "Sources/embed-knowledge"
    ),
    .target(
      name: "CoachKit",
      dependencies: ["CLibYAML", "CStemmer"]
    ),
    .executableTarget(
      name: "make-snapshot",
      dependencies: ["CoachKit"],
      path: "Sources/make-snapshot"
    ),
    .plugin(
      name: "EmbedKnowledge",
      capability: .buildTool(),
      dependencies: ["embed-knowledge", "make-snapshot"]
    ),
    // The shipped knowledge: Knowledge/'s files, and the coach built from them when the binary
    // is built. Apart from CoachKit, because SwiftPM does not run a target's build plugins when
    // it builds that target for a build tool (make-snapshot needs CoachKit).
    .target(
      name: "CoachKnowledge",
      dependencies: ["CoachKit"],
      plugins: ["EmbedKnowledge"]
    ),
    .executableTarget(
      name: "coach",
      dependencies: ["CoachKit", "CoachKnowledge", "CEditLine"]
    ),
    .testTarget(
      name: "CoachKitTests",
      dependencies: ["CoachKit", "CoachKnowledge"]
    ),
    .testTarget(
      name: "coachTests",
      dependencies: ["coach", "CoachKnowledge"]
    ),
  ]
)
