namespace Omslite.Sdk.Registry;

/// <summary>Why a case cannot go into a pack: one failed check.</summary>
/// <param name="Code">The check's stable code, e.g. <c>dates</c>, <c>policy-enp</c>, <c>pmu</c>; the same check
/// always gives the same code.</param>
/// <param name="Field">The federal tag or record field the problem is about (e.g. <c>DATE_2</c>, <c>NPOLIS</c>,
/// <c>FAM</c>), or null when it concerns the case as a whole.</param>
/// <param name="Message">The Russian message for the user, exactly as the format's documentation lists it, e.g.
/// <c>1208-Дата 1 больше даты 2</c>.</param>
public sealed record CaseProblem(string Code, string? Field, string Message);

/// <summary>The problems of one excluded case.</summary>
/// <param name="VisitId">The hub's visit id (<see cref="RegistryCase.VisitId"/>).</param>
/// <param name="Number">The visit number.</param>
/// <param name="PatientId">The hub's patient id.</param>
/// <param name="CardNumber">The patient's card number.</param>
/// <param name="Problems">At least one problem.</param>
public sealed record CaseProblems(long VisitId, int Number, long PatientId, string CardNumber, IReadOnlyList<CaseProblem> Problems);
