// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "coach",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "coach", targets: ["coach"]),
    .library(name: "CoachKit", targets: ["CoachKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
    ),
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
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
    .plugin(
      name: "EmbedKnowledge",
      capability: .buildTool(),
      dependencies: ["embed-knowledge"]
    ),
    .target(
      name: "CoachKit",
      dependencies: ["CLibYAML", "CStemmer"],
      plugins: ["EmbedKnowledge"]
    ),
    .executableTarget(
      name: "coach",
      dependencies: [
        "CoachKit", "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "CoachKitTests",
      dependencies: ["CoachKit"]
    ),
    .testTarget(
      name: "coachTests",
      dependencies: ["coach"]
    ),
  ]
)
