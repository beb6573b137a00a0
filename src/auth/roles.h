/* roles.h - the three account roles and their order.
 * Pure functions over constants; any thread. */
#ifndef CANDOR_AUTH_ROLES_H
#define CANDOR_AUTH_ROLES_H

#include <stdbool.h>

typedef enum {
    CD_ROLE_NONE = 0,
    CD_ROLE_STUDENT = 1,
    CD_ROLE_COORDINATOR = 2,
    CD_ROLE_ADMIN = 3
} cd_role;

cd_role cd_role_parse(const char *s); /* exact lowercase name; CD_ROLE_NONE if unknown */
const char *cd_role_name(cd_role r);  /* "student", ...; "none" for anything else */
/* Roles are ordered: admin can do what a coordinator can, who can do what a
 * student can. CD_ROLE_NONE satisfies nothing (not even `need` NONE). */
bool cd_role_at_least(cd_role have, cd_role need);

#endif
