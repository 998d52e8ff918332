using System.CommandLine;
using Omslite.Hub.Demo;
using Omslite.Hub.Hosting;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Cli;

/// <summary><c>run</c>, <c>serve</c> and <c>demo</c>.</summary>
internal static class HubCommands
{
    public static Command Run()
    {
        var urls = UrlsOption();
        var command = new Command("run", "Set up and start the hub with the demo MO (prints the URL and the demo login)") { urls };
        command.SetAction((parse, ct) => StartAsync(new HubStartRequest(parse.GetValue(urls), WithDemo: true), ct));
        return command;
    }

    public static Command Serve()
    {
        var urls = UrlsOption();
        var command = new Command("serve", "Start the hub (API, web UI, scheduler) on the working database") { urls };
        command.SetAction((parse, ct) => StartAsync(new HubStartRequest(parse.GetValue(urls), WithDemo: false), ct));
        return command;
    }

    public static Command Demo()
    {
        var json = JsonOption();
        var command = new Command("demo", "Create the demo MO and its data in the working database (idempotent)") { json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                await using var session = await CliSession.OpenAsync(token);
                await session.MigrateAsync(token);
                return await new DemoSeeder(session.DataSource, session.Logger<DemoSeeder>()).EnsureAsync(token);
            },
            demo => $"Demo MO {demo.MoCode} «{demo.MoName}» is ready",
            ct));
        return command;
    }

    internal static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object with the result on stdout" };

    private static Option<string?> UrlsOption() =>
        new("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:5080)" };

    private static async Task<int> StartAsync(HubStartRequest request, CancellationToken ct)
    {
        try
        {
            return await HubApplication.RunAsync(request, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"ошибка: the hub could not start: {ex.Message.ReplaceLineEndings(" ")}");
            return CliOperation.Failed;
        }
    }
}
