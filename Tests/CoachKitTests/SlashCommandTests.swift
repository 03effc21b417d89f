import Testing

@testable import CoachKit

/// The one table of slash commands: `/help` is generated from it, names match exactly.
@Suite struct SlashCommandTests {
  static func consultation(_ format: Consultation.Format = .text) -> Consultation {
    Consultation(coach: Coach(table: IntentTable(intents: [TextRendererTests.silence])), format: format)
  }

  @Test func tableHasTheCommandsTheIssueAsksFor() {
    let names = SlashCommand.all.map(\.name)
    for name in ["help", "topics", "show", "why", "next", "quit"] {
      #expect(names.contains(name), "/\(name) is missing")
    }
    #expect(Set(names).count == names.count, "a name appears twice")
    #expect(SlashCommand.all.allSatisfy { !$0.summary.isEmpty })
  }

  @Test func helpListsEveryCommandOfTheTableInOrder() {
    var consultation = Self.consultation()
    let help = consultation.handle("/help").text
    var rest = Substring(help)
    for command in SlashCommand.all {
      let line = "  /" + command.name + (command.argument.isEmpty ? "" : " " + command.argument)
      let found = rest.range(of: line)
      #expect(found != nil, "/help does not list /\(command.name) in table order")
      if let found { rest = rest[found.upperBound...] }
      #expect(help.contains(command.summary))
    }
  }

  @Test(arguments: ["/x", "/setx", "/he", "/helpme", "/quitnow", "/Help"])
  func unknownCommandSaysSo(line: String) {
    var consultation = Self.consultation()
    let response = consultation.handle(line)
    #expect(response.text == "unknown command '\(line)', type /help\n")
    #expect(response.effect == nil)
  }

  @Test func noPrefixMatching() {
    #expect(SlashCommand.named("h") == nil)
    #expect(SlashCommand.named("sho") == nil)
    #expect(SlashCommand.named("show")?.name == "show")
  }

  @Test(arguments: ["/quit", "/exit", "/q"])
  func quitLeaves(line: String) {
    var consultation = Self.consultation()
    #expect(consultation.handle(line).effect == .quit)
  }

  @Test func showPrintsTheCardAndRejectsAnUnknownID() {
    var consultation = Self.consultation()
    #expect(consultation.handle("/show silence").text.hasPrefix("Silence · silence · sign of resistance\n"))
    #expect(consultation.handle("/show nothing").text == "unknown intent 'nothing': /topics lists them\n")
  }

  @Test func topicsListsTheTable() {
    var consultation = Self.consultation()
    #expect(consultation.handle("/topics").text == "Signs: what the client does\n  silence  Silence\n")
  }

  @Test func unknownCommandInJSONModeIsJSON() {
    var consultation = Self.consultation(.json)
    #expect(consultation.handle("/x").text == #"{"command":"x","error":"unknown command '/x', type /help"}"# + "\n")
  }
}
