using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Users
{
    /// <summary>Get-CCUser: a CodeCatalyst user by user name or by id (GetUserDetails).</summary>
    [Cmdlet(VerbsCommon.Get, "CCUser", DefaultParameterSetName = UserNameSet)]
    [OutputType(typeof(User))]
    public sealed class GetCCUserCommand : CodeCatalystServiceCmdlet
    {
        private const string UserNameSet = "UserName";
        private const string IdSet = "Id";

        /// <summary>User names (3 to 100 letters, digits, '_', '.' or '-'); a piped object binds by its UserName.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = UserNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] UserName { get; set; } = new string[0];

        /// <summary>
        /// User ids (such as a dev environment's CreatorId). Not bound from piped objects: most objects have an Id of
        /// their own, which is not a user's.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var byId = ParameterSetName == IdSet;
            foreach (var value in byId ? Id : UserName)
            {
                // A name the model refuses (too short, a space in it) is an InvalidArgument error before anything is sent.
                var input = byId ? new GetUserDetailsInput { Id = value } : new GetUserDetailsInput { UserName = value };
                if (TryRun(token => Api.GetUserDetailsAsync(input, token), value, out var user)) WriteObject(user);
            }
        }
    }
}
