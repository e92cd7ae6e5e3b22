/** A form's success line, announced politely (the region stays in place so it is announced). */
export function Done({ message }: { message: string | null }) {
  return (
    <p className="done" role="status">
      {message}
    </p>
  );
}
