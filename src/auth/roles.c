/* roles.c - role names <-> values. */
#include "auth/roles.h"

#include <string.h>

static const char *const role_names[] = {"none", "student", "coordinator", "admin"};

cd_role cd_role_parse(const char *s)
{
    if (!s)
        return CD_ROLE_NONE;
    for (int r = CD_ROLE_STUDENT; r <= CD_ROLE_ADMIN; r++)
        if (strcmp(s, role_names[r]) == 0)
            return (cd_role)r;
    return CD_ROLE_NONE;
}

const char *cd_role_name(cd_role r)
{
    if ((int)r < CD_ROLE_STUDENT || (int)r > CD_ROLE_ADMIN)
        return role_names[0];
    return role_names[r];
}

bool cd_role_at_least(cd_role have, cd_role need)
{
    if ((int)have < CD_ROLE_STUDENT || (int)have > CD_ROLE_ADMIN)
        return false;
    return (int)have >= (int)need;
}
