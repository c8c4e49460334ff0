from django.urls import path

from stage1.members.views import invitations, lifecycle, members

app_name = "members"

urlpatterns = [
    path("projects/<slug:slug>/members/", members.member_list, name="list"),
    path("projects/<slug:slug>/members/add/", members.member_add_page, name="add"),
    path("projects/<slug:slug>/members/<int:member_pk>/role/", members.member_role_page, name="role"),
    path("projects/<slug:slug>/members/<int:member_pk>/remove/", members.member_remove_page, name="remove"),
    path("projects/<slug:slug>/invitations/<int:invitation_pk>/cancel/", members.invitation_cancel_page, name="invitation_cancel"),
    path("projects/<slug:slug>/archive/", lifecycle.project_archive_page, name="archive"),
    path("projects/<slug:slug>/unarchive/", lifecycle.project_unarchive_page, name="unarchive"),
    path("projects/<slug:slug>/delete/", lifecycle.project_delete_page, name="delete"),
    path("invitations/<str:token>/", invitations.invitation_page, name="invitation"),
]
