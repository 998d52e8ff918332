namespace Omslite.Hub.Security;

/// <summary>The three roles of D9. What each may do: docs/security.md.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Viewer];
}

/// <summary>Authorization policies; every /api endpoint names one.</summary>
public static class Policies
{
    /// <summary>Any signed-in user of the MO: view, check, download.</summary>
    public const string Read = "read";

    /// <summary>Admin or operator: edit cases, run jobs, import files.</summary>
    public const string Write = "write";

    /// <summary>Admin only: users, settings, reference-book edits, restore.</summary>
    public const string Admin = "admin";
}
