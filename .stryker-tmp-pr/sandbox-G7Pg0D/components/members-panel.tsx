// @ts-nocheck
import {
  changeMemberRoleAction,
  inviteMemberAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/app/actions/members";
import { ActionForm, Field } from "@/components/ui/action-form";
import { Card } from "@/components/ui/primitives";
import { formatDayIn } from "@/lib/format";

const roleOptions = [
  { value: "owner", label: "Owner" },
  { value: "bookkeeper", label: "Bookkeeper" },
  { value: "viewer", label: "Viewer" },
] as const;

type Member = {
  userId: string;
  email: string | null;
  name: string | null;
  role: "owner" | "bookkeeper" | "viewer";
};
type Pending = { id: string; email: string; role: string; expiresAt: Date };

/** Members and invitations; owners get the controls, everyone else a read-only list. */
export function MembersPanel({
  businessId,
  members,
  pending,
  canManage,
  selfId,
  timeZone,
}: {
  businessId: string;
  members: Member[];
  pending: Pending[];
  canManage: boolean;
  selfId: string;
  /** The business's: dates are its calendar days. */
  timeZone: string;
}) {
  return (
    <Card title="People">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Members of this business</caption>
        <thead className="text-zinc-500">
          <tr>
            <th scope="col" className="py-2 font-medium">
              Member
            </th>
            <th scope="col" className="py-2 font-medium">
              Role
            </th>
            {canManage && (
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {members.map((m) => (
            <tr key={m.userId}>
              <td className="py-2">
                {m.email}
                {m.userId === selfId && <span className="text-zinc-500"> (you)</span>}
              </td>
              <td className="py-2">
                {canManage ? (
                  <ActionForm
                    action={changeMemberRoleAction}
                    hidden={{ businessId, userId: m.userId }}
                    submitLabel="Change"
                    variant="secondary"
                    className="flex items-end gap-2"
                  >
                    <Field
                      name="role"
                      label={`Role of ${m.email}`}
                      type="select"
                      options={roleOptions}
                      defaultValue={m.role}
                    />
                  </ActionForm>
                ) : (
                  <span className="capitalize">{m.role}</span>
                )}
              </td>
              {canManage && (
                <td className="py-2 text-right">
                  <ActionForm
                    action={removeMemberAction}
                    hidden={{ businessId, userId: m.userId }}
                    submitLabel="Remove"
                    variant="danger"
                    confirm={`Remove ${m.email} from this business?`}
                    className=""
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>

      <h3 className="mt-6 text-sm font-semibold">Pending invitations</h3>
      {pending.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">None.</p>
      ) : (
        <ul className="mt-2 divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {pending.map((p) => (
            <li key={p.id} className="flex items-center justify-between py-2">
              <span>
                {p.email} · <span className="capitalize">{p.role}</span> · expires{" "}
                {formatDayIn(p.expiresAt, timeZone)}
              </span>
              {canManage && (
                <ActionForm
                  action={revokeInvitationAction}
                  hidden={{ businessId, invitationId: p.id }}
                  submitLabel="Withdraw"
                  variant="secondary"
                  className=""
                />
              )}
            </li>
          ))}
        </ul>
      )}

      {canManage ? (
        <div className="mt-6 max-w-md">
          <h3 className="text-sm font-semibold">Invite someone</h3>
          <ActionForm
            action={inviteMemberAction}
            hidden={{ businessId }}
            submitLabel="Send invitation"
            resetOnSuccess
          >
            <Field name="email" label="Email" type="email" autoComplete="off" required />
            <Field
              name="role"
              label="Role"
              type="select"
              options={roleOptions}
              defaultValue="bookkeeper"
              hint="Bookkeepers prepare (tray, decisions, reserves) and manage the connection; viewers only read."
            />
          </ActionForm>
        </div>
      ) : (
        <p className="mt-6 text-sm text-zinc-600 dark:text-zinc-400">
          Only owners can invite people or change roles.
        </p>
      )}
    </Card>
  );
}
