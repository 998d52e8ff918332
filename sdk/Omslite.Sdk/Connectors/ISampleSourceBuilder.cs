namespace Omslite.Sdk.Connectors;

/// <summary>
/// Optional for a connector: builds a sample MIS database of its kind, filled with generated cases, for the demo
/// (<c>omslite run</c>) and the sync benchmark (<c>omslite bench sync</c>).
/// </summary>
public interface ISampleSourceBuilder
{
    /// <summary>Creates (or recreates) the sample database and returns how to connect to it.</summary>
    Task<SourceConnection> BuildSampleAsync(SampleSourceRequest request, CancellationToken cancellationToken);
}

/// <summary>What sample to build.</summary>
/// <param name="Location">Where: a directory for a file database (Firebird), or a server connection string.</param>
/// <param name="MoCode">The 6-digit F003 code of the MO whose cases they are.</param>
/// <param name="Period">The report month of the generated cases.</param>
/// <param name="Services">How many completed OMS CT/MRI services to generate.</param>
/// <param name="WithNoise">Also add what must not come over (paid, cancelled, unfinished services) and a few cases
/// with mistakes the region's checks catch.</param>
public sealed record SampleSourceRequest(string Location, string MoCode, ReportPeriod Period, int Services, bool WithNoise);
