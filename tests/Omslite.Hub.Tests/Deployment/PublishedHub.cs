using System.Text.Json;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Deployment;

/// <summary>
/// One <c>omslite publish --out DIR --json</c> for the whole collection, run as an admin runs it: the hub executable
/// of the repository, from a directory outside it. The published folder is then started the ways the deployment
/// files start it.
/// </summary>
public sealed class PublishedHub : IAsyncLifetime
{
    private readonly string _root = TempDir.Create("published");

    public string Dir => Path.Combine(_root, "omslite");

    public JsonElement Result { get; private set; }

    public static string Repository
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(dir!.FullName, "Omslite.sln")))
            {
                dir = dir.Parent;
            }

            return dir.FullName;
        }
    }

    public async Task InitializeAsync()
    {
        var (exit, stdout, stderr) = await HubProcess.RunCommandAsync(
            ["dotnet", HubProcess.HubDll, "publish", "--out", Dir, "--json"], _root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(20));
        Assert.True(exit == 0, $"publish failed ({exit}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public Task DisposeAsync()
    {
        TempDir.TryDelete(_root);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedHubCollection : ICollectionFixture<PublishedHub>
{
    public const string Name = "published hub";
}
