using Microsoft.AspNetCore.DataProtection;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Security;

/// <summary>
/// The hub's ASP.NET Core Data Protection key ring for secrets kept in the working database: in
/// <c>&lt;data dir&gt;/keys/data-protection</c> under the application name "omslite" (the ring the MIS sources'
/// connection strings use too), so hubs sharing the data directory read each other's secrets (docs/scaling.md).
/// </summary>
public static class DataProtectionKeys
{
    public static IDataProtectionProvider Provider(OmsliteOptions options) =>
        DataProtectionProvider.Create(
            new DirectoryInfo(Path.Combine(options.DataDir, "keys", "data-protection")), dp => dp.SetApplicationName("omslite"));
}
