using System.CommandLine;

namespace Omslite.Hub.Cli;

/// <summary>The <c>omslite</c> command line: one executable, one verb per job.</summary>
public static class OmsliteCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Omslite — the OMS registry hub of a CT/MRI centre (MIS sync, review, TFOMS packs)");
        root.Subcommands.Add(HubCommands.Run());
        root.Subcommands.Add(HubCommands.Serve());
        root.Subcommands.Add(HubCommands.Demo());
        root.Subcommands.Add(DbCommands.Create());
        root.Subcommands.Add(UserCommands.Create());
        root.Subcommands.Add(BenchCommands.Create());
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(NsiCommands.Create());
        root.Subcommands.Add(PackCommand.Create());
        root.Subcommands.Add(SigningKeyCommands.Create());
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(TestCommand.Create());
        foreach (var returns in ReturnsCommands.All)
        {
            root.Subcommands.Add(returns);
        }

        return root;
    }

    public static Task<int> InvokeAsync(string[] args) =>
        // The web host handles Ctrl+C and SIGTERM itself and shuts down gracefully; the parser must not race it.
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
