using Microsoft.AspNetCore.DataProtection;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Sync;

/// <summary>
/// Encrypts MIS connection strings at rest with ASP.NET Core Data Protection; the keys live in
/// <c>&lt;data dir&gt;/keys/data-protection</c> (several hubs must share that folder, docs/scaling.md).
/// </summary>
public sealed class SecretProtector(IDataProtector protector)
{
    private const string Purpose = "Omslite.MisSource.ConnectionString";

    public static SecretProtector Create(OmsliteOptions options) =>
        new(DataProtectionProvider
            .Create(new DirectoryInfo(Path.Combine(options.DataDir, "keys", "data-protection")), dp => dp.SetApplicationName("omslite"))
            .CreateProtector(Purpose));

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
