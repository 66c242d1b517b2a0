using CodeCatalyst.Core;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Amplify
{
    /// <summary>
    /// AWS Amplify's job, deployment, app and branch operations, one method each (generated from the Amplify model in
    /// Amplify/Wire/Generated/Operations.g.cs), on the same HTTP core as CodeCatalyst's.
    /// </summary>
    internal sealed partial class AmplifyApi : ServiceApi
    {
        public AmplifyApi(CodeCatalystClient client) : base(client)
        {
        }
    }
}
