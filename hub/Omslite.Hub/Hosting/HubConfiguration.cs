using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Omslite.Hub.Hosting;

/// <summary>Configuration and start-up logging for the verbs that do not run the web host.</summary>
public static class HubConfiguration
{
    /// <summary>The same sources the web host reads: appsettings.json next to the hub, then environment variables.</summary>
    public static IConfigurationRoot Load() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production"}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

    /// <summary>Console logging on stderr, so that <c>--json</c> output on stdout stays clean.</summary>
    public static ILoggerFactory CreateLoggerFactory(IConfiguration configuration) =>
        LoggerFactory.Create(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
}
