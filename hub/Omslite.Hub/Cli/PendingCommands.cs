using System.CommandLine;

namespace Omslite.Hub.Cli;

/// <summary>
/// Verbs whose issues have not landed yet. They are listed in --help from the start so that scripts can be written
/// against the final command line; each says so and exits with <see cref="CliOperation.NotImplemented"/>.
/// </summary>
internal static class PendingCommands
{
    public static IEnumerable<Command> All =>
    [
        Pending("publish", "Publish the hub, its plugins and the web UI into one folder", "deployment"),
    ];

    public static Command Pending(string name, string description, string issue)
    {
        var command = new Command(name, $"{description} (not implemented yet)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(_ =>
        {
            Console.Error.WriteLine($"ошибка: '{name}' is not implemented yet (arrives with the {issue} issue)");
            return CliOperation.NotImplemented;
        });
        return command;
    }
}
